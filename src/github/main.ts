// `npm start`: the GitHub App server.
import { startServer } from './server.js';

startServer().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
