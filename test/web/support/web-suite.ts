import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, openPage, PHONE, type Viewport, type WebPage } from './browser';
import { startWebTestApp, type WebTestApp } from './web-app';

/** What a browser suite's tests and hooks read once the suite has started: its app and its browser. */
export interface WebSuite {
  readonly t: WebTestApp;
  readonly browser: Browser;
}

/** The same, in the tests of one viewport: and the page of the test running. */
export interface ViewportSuite extends WebSuite {
  readonly viewport: Viewport;
  /** Opened before each test and closed after it, when the test expects no console error to have been seen. */
  readonly web: WebPage;
}

export interface WebSuiteOptions<Case> {
  /** The name of the suite's database (`-desktop`, `-phone` added with `appPerViewport`). */
  app: string;
  /** What the suite needs in its app before its first test (users, imported members). */
  setup?: (t: WebTestApp) => Promise<unknown>;
  /** What `setup` started that must stop before the app does (a worker). */
  teardown?: () => Promise<unknown>;
  /** Each viewport on an app of its own, rather than one app for the whole suite. */
  appPerViewport?: boolean;
  /** What each viewport's tests are given: by default the desktop, then the phone. */
  cases?: Case[];
}

/**
 * A browser suite: the real API and web application on a database of the suite's own, Chromium, and `tests`
 * declared once per viewport (in a `describe` named for it), each test on a fresh page that must end without console
 * errors. `more` declares tests outside the viewports, which open their own pages.
 */
export function webSuite<Case extends { viewport: Viewport } = { viewport: Viewport }>(
  title: string,
  options: WebSuiteOptions<Case>,
  tests: (suite: ViewportSuite, viewportCase: Case) => void,
  more?: (suite: WebSuite) => void,
) {
  const cases = options.cases ?? ([{ viewport: DESKTOP }, { viewport: PHONE }] as Case[]);
  describe(title, () => {
    let shared: { t?: WebTestApp; browser?: Browser } = {};
    const started = <T>(value: T | undefined, what: string): T => {
      if (value === undefined) throw new Error(`${what} is read before the suite has started`);
      return value;
    };
    const start = (name: string) => {
      beforeAll(async () => {
        const t = await startWebTestApp(name);
        shared = { t };
        await options.setup?.(t);
        shared.browser = await launchBrowser();
      });
      afterAll(async () => {
        await shared.browser?.close();
        await options.teardown?.();
        await shared.t?.close();
      });
    };
    const suite: WebSuite = {
      get t() {
        return started(shared.t, 'The app');
      },
      get browser() {
        return started(shared.browser, 'The browser');
      },
    };
    if (!options.appPerViewport) start(options.app);

    describe.each(cases)('at $viewport.name', (viewportCase) => {
      if (options.appPerViewport) start(`${options.app}-${viewportCase.viewport.name}`);
      let web: WebPage | undefined;
      beforeEach(async () => {
        web = await openPage(suite.browser, suite.t.baseURL, viewportCase.viewport);
      });
      afterEach(async () => {
        const page = started(web, 'The page');
        web = undefined;
        await page.close();
        expect(page.errors).toEqual([]);
      });
      tests(
        {
          get t() {
            return suite.t;
          },
          get browser() {
            return suite.browser;
          },
          viewport: viewportCase.viewport,
          get web() {
            return started(web, 'The page');
          },
        },
        viewportCase,
      );
    });
    more?.(suite);
  });
}
