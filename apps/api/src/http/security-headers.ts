import helmet from 'helmet';

/**
 * helmet's defaults (HSTS, nosniff, frame denial, referrer policy, cross-origin isolation headers) with a Content
 * Security Policy for the single-page application served at `/`, the OpenAPI UI and the queue dashboard: code only
 * from this origin; inline styles allowed because the component library (antd) injects its CSS at run time.
 */
export const securityHeaders = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
