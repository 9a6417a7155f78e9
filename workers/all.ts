// Entry point for the all role: `node dist/workers/all.js [config]`.
import { main } from '../src/cli/main.js';

await main(['start', '--role', 'all', ...(process.argv[2] ? ['--config', process.argv[2]] : [])]);
