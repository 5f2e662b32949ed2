import { benchDashboard } from './dashboard';
import { benchDesks } from './desks';
import { benchAssessment } from './assessment';
import { benchEvents } from './events';
import { benchExport } from './export';
import { benchFoundation } from './foundation';
import { benchIot } from './iot';
import { benchQueueUi } from './queue-ui';
import { benchSync } from './sync';

/** `npm run bench`: every suite, a table on screen and JSON under bench/results/. */
console.log(`Command Room benchmarks on Node ${process.version}`);
await benchFoundation();
await benchEvents();
await benchDashboard();
await benchQueueUi();
await benchIot();
await benchSync();
await benchAssessment();
await benchExport();
await benchDesks();
