/** The part of pg's connection stream that holds writes back: what is written while corked leaves in one write. */
export interface CorkableStream {
  cork(): void;
  uncork(): void;
}

/**
 * Sends the queries `send` queues in one write (pg's pipeline mode keeps one answer per query) and awaits every
 * answer, so that no rejection goes unhandled. Answers them in order, with the index of the first that failed (-1
 * when none did): PostgreSQL refuses what follows a failure in a transaction, so the first one is the cause.
 */
export async function inOneWrite<T>(
  stream: CorkableStream,
  send: () => Promise<T>[],
): Promise<{ answers: PromiseSettledResult<T>[]; failed: number }> {
  stream.cork();
  let sent: Promise<T>[];
  try {
    sent = send();
  } finally {
    stream.uncork();
  }
  const answers = await Promise.allSettled(sent);
  return { answers, failed: answers.findIndex((answer) => answer.status === 'rejected') };
}
