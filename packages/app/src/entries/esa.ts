/** `pnpm esa …`: the operator's command line (operator/esa-cli.ts). */
import { runEsaCli } from '../operator/esa-cli';
import { runCommand } from '../say';

await runCommand(() => runEsaCli(process.argv.slice(2)));
