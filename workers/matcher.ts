// Entry point for the matcher role: `node dist/workers/matcher.js [config]`.
import { main } from '../src/cli/main.js';

await main([
  'start',
  '--role',
  'matcher',
  ...(process.argv[2] ? ['--config', process.argv[2]] : []),
]);
