-- Facets: everything a list filter tests by equality — a customer's categorical fields, its tier in each
-- scheme and its tags — as text in one narrow row per customer with one GIN index, so that a filter
-- combining them (two tags, a province and an RFM class) is one index scan intersecting their posting
-- lists, not a BitmapAnd of three indexes on two wide tables joined afterwards. They replace the GIN
-- indexes on customer_metrics' tiers and tag_ids (customer_metrics, rewritten by every recompute, keeps
-- only its primary key) and the btree on customers' province.
CREATE TABLE "customer_facets" (
	"workspace_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"attrs" text[] DEFAULT '{}'::text[] NOT NULL,
	"placed" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "customer_facets_workspace_id_customer_id_pk" PRIMARY KEY("workspace_id","customer_id")
);
--> statement-breakpoint
DROP INDEX "customer_metrics_tiers_idx";--> statement-breakpoint
DROP INDEX "customer_metrics_tags_idx";--> statement-breakpoint
DROP INDEX "customers_province_idx";--> statement-breakpoint
ALTER TABLE "customer_facets" ADD CONSTRAINT "customer_facets_customer_fk" FOREIGN KEY ("workspace_id","customer_id") REFERENCES "public"."customers"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A customer's own facets, `field:value`: the fields whose conditions the rule compiler serves from the
-- facets (packages/segmentation, customer-fields.ts `FACETED_ATTRIBUTES`). The two lists change together.
CREATE FUNCTION "stratum_customer_facets"(kind text, industry text, province text, city text,
  size_band text, source text, status text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_remove(ARRAY['kind:' || kind, 'industry:' || industry, 'province:' || province,
    'city:' || city, 'size_band:' || size_band, 'source:' || source, 'status:' || status], NULL)
$$;--> statement-breakpoint
-- Its placement's facets: `tier.<scheme>:<tier>` per placed scheme, then each tag id. No facet is
-- ambiguous: every one but a tag id has a `key:` in front, and a uuid has no colon.
CREATE FUNCTION "stratum_placed_facets"(tiers jsonb, tag_ids uuid[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT 'tier.' || t.key || ':' || t.value FROM jsonb_each_text(tiers) t
               WHERE t.value IS NOT NULL ORDER BY t.key)
    || tag_ids::text[]
$$;--> statement-breakpoint
INSERT INTO "customer_facets" ("workspace_id", "customer_id", "attrs", "placed")
  SELECT c.workspace_id, c.id,
    stratum_customer_facets(c.kind, c.industry, c.province, c.city, c.size_band, c.source, c.status),
    COALESCE(stratum_placed_facets(m.tiers, m.tag_ids), '{}')
  FROM "customers" c
  LEFT JOIN "customer_metrics" m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id;--> statement-breakpoint
CREATE INDEX "customer_facets_idx" ON "customer_facets" USING gin (("attrs" || "placed"));--> statement-breakpoint
-- Kept set-wise, once per statement. A new customer gets its row; an edit that changes a faceted field
-- rewrites `attrs` (edits of other fields write nothing here).
CREATE FUNCTION "stratum_customers_facets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO customer_facets AS f (workspace_id, customer_id, attrs)
      SELECT n.workspace_id, n.id,
        stratum_customer_facets(n.kind, n.industry, n.province, n.city, n.size_band, n.source, n.status)
      FROM new_customers n
      ON CONFLICT (workspace_id, customer_id) DO UPDATE SET attrs = EXCLUDED.attrs;
  ELSE
    UPDATE customer_facets f SET attrs = stratum_customer_facets(n.kind, n.industry, n.province, n.city,
        n.size_band, n.source, n.status)
      FROM new_customers n
      JOIN old_customers o ON o.workspace_id = n.workspace_id AND o.id = n.id
      WHERE f.workspace_id = n.workspace_id AND f.customer_id = n.id
        AND (o.kind, o.industry, o.province, o.city, o.size_band, o.source, o.status)
          IS DISTINCT FROM (n.kind, n.industry, n.province, n.city, n.size_band, n.source, n.status);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "customers_facets_insert" AFTER INSERT ON "customers"
  REFERENCING NEW TABLE AS new_customers FOR EACH STATEMENT EXECUTE FUNCTION stratum_customers_facets();--> statement-breakpoint
CREATE TRIGGER "customers_facets_update" AFTER UPDATE ON "customers"
  REFERENCING OLD TABLE AS old_customers NEW TABLE AS new_customers
  FOR EACH STATEMENT EXECUTE FUNCTION stratum_customers_facets();--> statement-breakpoint
-- A metrics row written with tiers or tags, or whose tiers or tags change, rewrites `placed` (the
-- recompute's other writes — figures, lifetime value — write nothing here).
CREATE FUNCTION "stratum_metrics_facets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE customer_facets f SET placed = stratum_placed_facets(n.tiers, n.tag_ids)
      FROM new_metrics n
      WHERE f.workspace_id = n.workspace_id AND f.customer_id = n.customer_id
        AND (n.tiers <> '{}'::jsonb OR cardinality(n.tag_ids) > 0);
  ELSE
    UPDATE customer_facets f SET placed = stratum_placed_facets(n.tiers, n.tag_ids)
      FROM new_metrics n
      JOIN old_metrics o ON o.workspace_id = n.workspace_id AND o.customer_id = n.customer_id
      WHERE f.workspace_id = n.workspace_id AND f.customer_id = n.customer_id
        AND (o.tiers, o.tag_ids) IS DISTINCT FROM (n.tiers, n.tag_ids);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "customer_metrics_facets_insert" AFTER INSERT ON "customer_metrics"
  REFERENCING NEW TABLE AS new_metrics FOR EACH STATEMENT EXECUTE FUNCTION stratum_metrics_facets();--> statement-breakpoint
CREATE TRIGGER "customer_metrics_facets_update" AFTER UPDATE ON "customer_metrics"
  REFERENCING OLD TABLE AS old_metrics NEW TABLE AS new_metrics
  FOR EACH STATEMENT EXECUTE FUNCTION stratum_metrics_facets();
