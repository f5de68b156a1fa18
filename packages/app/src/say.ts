import { isEsaError } from '@esa-flow/engine';

/** One line for the operator, Thai first: `ไทย / English`. */
export function say(th: string, en: string): void {
  console.log(`${th} / ${en}`);
}

/**
 * Runs a command-line process body; a refusal from the catalogue is printed
 * in Thai and English with its details and ends the process with exit code 1
 * (2 for a usage error), never a stack trace for an expected problem.
 */
export async function runCommand(body: () => Promise<number | void>): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (isEsaError(error)) {
      console.error(`${error.code}: ${error.messageTh}\n${error.code}: ${error.messageEn}`);
      if (error.details) console.error(JSON.stringify(error.details, null, 2));
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  }
}

/** A command typed wrongly: the message already says what to type, in both languages. */
export class UsageError extends Error {}
