import { Command } from 'commander';
import { serveCommand } from './commands/serve.ts';
import { migrateCommand } from './commands/migrate.ts';
import { userCommand } from './commands/user.ts';
import { demoCommand } from './commands/demo.ts';
import { rfmCommand } from './commands/rfm.ts';
import { importCommand } from './commands/import.ts';
import { segmentsCommand } from './commands/segments.ts';
import { clvCommand } from './commands/clv.ts';
import { ignoreBrokenPipe } from './output.ts';

const program = new Command()
  .name('stratum')
  .description(
    'Stratum CRM command line. Uses the embedded database in $STRATUM_DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.',
  )
  .version('0.1.0');

serveCommand(program);
migrateCommand(program);
userCommand(program);
demoCommand(program);
rfmCommand(program);
importCommand(program);
segmentsCommand(program);
clvCommand(program);

// `stratum rfm | head` and the like: a reader that stops early is not an error.
ignoreBrokenPipe();

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
