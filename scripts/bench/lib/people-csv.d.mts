export function writeCustomersCsv(
  path: string,
  rows: number,
): Promise<{ rows: number; accepted: number; duplicates: number; unnamed: number }>;
export function writeContactsCsv(path: string, rows: number, customers: number): Promise<{ rows: number }>;
export function writeFollowupsCsv(path: string, rows: number, customers: number): Promise<{ rows: number }>;
