import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@libs/config';
import { openDatabase } from '@libs/persistence';

/**
 * `npm run report-counts:rebuild`: recomputes the admissions report's kept counts (admitted members, ended
 * probations and votes per organisation and month, participants per class) from the dossiers, their deadlines and
 * the class lists, in one transaction that holds writers back meanwhile. The triggers keep them exact; this is for
 * a restored backup, rows changed by hand with the triggers disabled, or a doubt.
 */
async function rebuild() {
  const dataSource = await openDatabase(loadConfig().databaseUrl, 2);
  try {
    const started = performance.now();
    await dataSource.query('SELECT report_counts_rebuild()');
    const [counts] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM report_admitted_counts) AS admitted,
         (SELECT count(*)::int FROM report_probation_counts) AS probation,
         (SELECT count(*)::int FROM report_vote_counts) AS votes`,
    );
    console.log(
      `Đã tính lại số liệu báo cáo / report counts rebuilt: ${counts.admitted} + ${counts.probation} + ` +
        `${counts.votes} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await dataSource.destroy();
  }
}

rebuild().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
