// Runs before every test file: the CLI's cache of parsed trees goes to a temporary directory
// of this test run, never to the user's cache directory.
const { join } = require('node:path');
const { tmpdir } = require('node:os');
process.env.MAPGUARD_CACHE_DIR ??= join(tmpdir(), `mapguard-test-cache-${process.ppid}`);
