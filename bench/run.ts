import { benchDashboard } from './dashboard';
import { benchDesks } from './desks';
import { benchAssessment } from './assessment';
import { benchEvents } from './events';
import { benchExport } from './export';
import { benchFoundation } from './foundation';
import { benchImport } from './import';
import { benchIot } from './iot';
import { benchQueueUi } from './queue-ui';
import { benchSync } from './sync';
import { benchCounty } from './county';

/** `npm run bench`: every suite, a table on screen and JSON under bench/results/. */
console.log(`Command Room benchmarks on Node ${process.version}`);
await benchFoundation();
await benchEvents();
await benchDashboard();
await benchQueueUi();
await benchIot();
await benchSync();
await benchCounty();
await benchAssessment();
await benchExport();
await benchImport();
await benchDesks();
