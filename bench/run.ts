import { benchAssessment } from './assessment';
import { benchEvents } from './events';
import { benchFoundation } from './foundation';
import { benchQueueUi } from './queue-ui';

/** `npm run bench`: every suite, a table on screen and JSON under bench/results/. */
console.log(`Command Room benchmarks on Node ${process.version}`);
await benchFoundation();
await benchEvents();
await benchQueueUi();
await benchAssessment();
