import { rmSync } from 'node:fs';

/** The run's workstation data is test data only: remove it. */
export default function teardown(): void {
  if (process.env.E2E_DATA_DIR)
    rmSync(process.env.E2E_DATA_DIR, {
      recursive: true,
      force: true,
      // The embedded portal may still be writing a demo file while it follows its host out.
      maxRetries: 10,
      retryDelay: 200,
    });
}
