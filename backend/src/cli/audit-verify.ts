// pnpm audit:verify: walks the whole audit trail and checks its hash chain. Exit 0 when
// intact, 1 when any event was edited or removed (each problem is printed).
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { runCommand } from './cli-support.ts';

await runCommand(async () => {
  const report = await verifyAuditChain({ maxProblems: 1000 });
  if (report.ok) {
    console.log(
      `Jejak audit utuh: ${report.checked.toLocaleString('id-ID')} kejadian diperiksa, ` +
        `terakhir nomor ${report.lastSeq.toLocaleString('id-ID')} (hash ${report.lastHash}).`,
    );
    return 0;
  }
  console.error(`Jejak audit RUSAK: ${report.problems.length} masalah ditemukan.`);
  for (const problem of report.problems) console.error(`- [${problem.kind}] ${problem.message}`);
  return 1;
});
