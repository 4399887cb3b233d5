// The reference: the default RFM method computed by DuckDB straight from the same generated CSV files,
// independently of Stratum's SQL. Counted orders: paid or completed, amount > 0, local day (Asia/Shanghai)
// on or before the as-of day, customers not in the recycle bin. Cut points: quantile_cont (linear
// interpolation, as percentile_cont) at 0.2/0.4/0.6/0.8 over scored customers; F and M score = 1 + cut
// points strictly below, R = 1 + cut points strictly above; high = score > mean score; eight classes.
import { DuckDBInstance } from '@duckdb/node-api';
import { externalId } from './segmentation-data.mjs';

const seconds = (t) => +((performance.now() - t) / 1000).toFixed(2);

export async function duckdbRfm({ customersCsv, ordersCsv, asOf, timeZone, threads }) {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const con = await instance.connect();
  const q = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS();
  const esc = (s) => s.replaceAll("'", "''");
  try {
    let t = performance.now();
    await con.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${esc(customersCsv)}', header = false,
      columns = {'no': 'INTEGER', 'name': 'VARCHAR', 'kind': 'VARCHAR', 'industry': 'VARCHAR',
        'province': 'VARCHAR', 'city': 'VARCHAR', 'status': 'VARCHAR', 'owner_no': 'INTEGER',
        'created_at': 'TIMESTAMPTZ', 'deleted': 'INTEGER', 'tag_mask': 'INTEGER'})`);
    await con.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${esc(ordersCsv)}', header = false,
      columns = {'seq': 'INTEGER', 'customer_no': 'INTEGER', 'ordered_at': 'TIMESTAMPTZ', 'status': 'VARCHAR',
        'amount': 'DECIMAL(14,2)'})`);
    const loadSeconds = seconds(t);
    await con.run(`SET TimeZone = '${esc(timeZone)}'`);
    t = performance.now();
    await con.run(`CREATE TABLE rfm AS
      WITH per AS (
        SELECT o.customer_no, DATE '${asOf}' - max(timezone('${esc(timeZone)}', o.ordered_at)::DATE) AS recency,
          count(*) AS frequency, sum(o.amount) AS monetary
        FROM orders o JOIN customers c ON c.no = o.customer_no AND c.deleted = 0
        WHERE o.status IN ('paid', 'completed') AND o.amount > 0
          AND timezone('${esc(timeZone)}', o.ordered_at)::DATE <= DATE '${asOf}'
        GROUP BY o.customer_no
      ),
      cuts AS (
        SELECT quantile_cont(recency::DOUBLE, [0.2, 0.4, 0.6, 0.8]) AS r,
          quantile_cont(frequency::DOUBLE, [0.2, 0.4, 0.6, 0.8]) AS f,
          quantile_cont(monetary::DOUBLE, [0.2, 0.4, 0.6, 0.8]) AS m
        FROM per
      ),
      scored AS (
        SELECT per.*,
          1 + len(list_filter(cuts.r, x -> x > recency::DOUBLE)) AS r_score,
          1 + len(list_filter(cuts.f, x -> x < frequency::DOUBLE)) AS f_score,
          1 + len(list_filter(cuts.m, x -> x < monetary::DOUBLE)) AS m_score
        FROM per, cuts
      ),
      flagged AS (
        SELECT *, (r_score > avg(r_score) OVER ())::INT * 100 + (f_score > avg(f_score) OVER ())::INT * 10
          + (m_score > avg(m_score) OVER ())::INT AS k
        FROM scored
      )
      SELECT customer_no, recency, frequency, monetary, r_score, f_score, m_score,
        CASE k WHEN 111 THEN 'important_value' WHEN 11 THEN 'important_retain' WHEN 101 THEN 'important_develop'
          WHEN 1 THEN 'important_winback' WHEN 110 THEN 'general_value' WHEN 10 THEN 'general_retain'
          WHEN 100 THEN 'general_develop' ELSE 'general_winback' END AS segment
      FROM flagged`);
    const rfmSeconds = seconds(t);
    const classes = Object.fromEntries(
      (await q(`SELECT segment, count(*)::INT AS n FROM rfm GROUP BY segment`)).map((r) => [r.segment, r.n]),
    );
    const [ref] = await q(`SELECT
      (SELECT sum(amount) FROM orders WHERE status IN ('paid', 'completed') AND amount > 0
        AND timezone('${esc(timeZone)}', ordered_at)::DATE <= DATE '${asOf}')::VARCHAR AS revenue,
      (SELECT count(*) FROM rfm)::INT AS scored`);
    // The rows as `stratum rfm --format csv` prints them (external ids are derived from the number).
    const rows = await q(`SELECT customer_no, recency, frequency, monetary::VARCHAR AS monetary, r_score,
      f_score, m_score, segment FROM rfm`);
    const lines = rows.map(
      (r) =>
        `${externalId(r.customer_no)},${r.recency},${r.frequency},${r.monetary},${r.r_score},${r.f_score},${r.m_score},${r.segment}`,
    );
    return { loadSeconds, rfmSeconds, classes, revenue: ref.revenue, scored: ref.scored, lines };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
