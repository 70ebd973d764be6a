// Runs a short critical section with Ctrl-C (and SIGTERM, SIGHUP) held back: a signal that
// arrives meanwhile is raised again once the section and its clean-up are done. Used where git
// writes into a temporary file that must be removed (or renamed) as a whole.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function holdSignals<T>(section: (interrupted: () => boolean) => Promise<T>): Promise<T> {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
  };
  SIGNALS.forEach((s) => process.on(s, onSignal));
  try {
    return await section(() => received !== undefined);
  } finally {
    SIGNALS.forEach((s) => process.off(s, onSignal));
    if (received !== undefined) process.kill(process.pid, received);
  }
}
