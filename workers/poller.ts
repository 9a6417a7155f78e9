// Entry point for the poller role: `node dist/workers/poller.js [config]`.
import { main } from '../src/cli/main.js';

await main([
  'start',
  '--role',
  'poller',
  ...(process.argv[2] ? ['--config', process.argv[2]] : []),
]);
