export interface OrdersCsvFigures {
  rows: number;
  orders: number;
  customerOrders: number;
  cancelled: number;
  guestLines: number;
  customers: number;
}
export function writeOrdersCsv(path: string, rows?: number, seed?: number): Promise<OrdersCsvFigures>;
