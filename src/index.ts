// The action's entry: everything else lives in main.ts, so it can be imported by tests.
import { run } from './main.js';

await run();
