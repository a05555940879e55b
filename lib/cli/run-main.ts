import { ConfigError } from '../database/config';

/**
 * Runs a command-line entry point: a ConfigError (or any failure) becomes one clear line on stderr
 * and a non-zero exit; success exits 0 explicitly (the schema engine leaves a timer behind).
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(`Error: ${error.message}`);
      } else {
        console.error(`Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      process.exit(1);
    },
  );
}
