// Entry point for the notifier role: `node dist/workers/notifier.js [config]`.
import { main } from '../src/cli/main.js';

await main([
  'start',
  '--role',
  'notifier',
  ...(process.argv[2] ? ['--config', process.argv[2]] : []),
]);
