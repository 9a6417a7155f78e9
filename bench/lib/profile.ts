// CPU profiles of a bench's timed window (BENCH_PROFILE and the like): open in Chrome DevTools.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** Starts a CPU profile of this thread when `file` is set; `stop()` writes it there. */
export async function startProfile(file: string | undefined) {
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
