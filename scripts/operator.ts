/**
 * The operator CLI over the operator API (docs/operators.md):
 *
 *   OPERATOR_API_URL=https://infopass.example.org OPERATOR_TOKEN=… npm run operator -- close NYC 2026-12-15 --reason weather
 *
 * `npm run operator -- --help` lists the commands.
 */
import { runOperatorCli } from './operator/cli';

runOperatorCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`operator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 4;
  },
);
