import type { Command } from 'commander';
import { withDatabase } from '../database.ts';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (the server also does this at start) / 执行数据库迁移')
    .action(async () => {
      await withDatabase(async (database) => {
        console.log(`Database is up to date (${database.kind}: ${database.location}).`);
      });
    });
}
