-- Facets: everything a list filter tests by equality — a customer's categorical fields, its tier in each
-- scheme and its tags — in one GIN-indexed array on customer_metrics, so that a filter combining them
-- (two tags, a province and an RFM class) is one index scan intersecting their posting lists, not a
-- BitmapAnd of three indexes on two tables joined afterwards. They replace the GIN indexes on tiers and
-- tag_ids and the btree on province.
DROP INDEX "customer_metrics_tiers_idx";--> statement-breakpoint
DROP INDEX "customer_metrics_tags_idx";--> statement-breakpoint
DROP INDEX "customers_province_idx";--> statement-breakpoint
-- A customer's own facets, `field:value`: the fields whose rule conditions the compiler serves from the
-- facets (packages/segmentation, customer-fields.ts: `attributeFacet`). The two lists change together.
CREATE FUNCTION "stratum_customer_facets"(kind text, industry text, province text, city text,
  size_band text, source text, status text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_remove(ARRAY['kind:' || kind, 'industry:' || industry, 'province:' || province,
    'city:' || city, 'size_band:' || size_band, 'source:' || source, 'status:' || status], NULL)
$$;--> statement-breakpoint
-- All facets of a metrics row: its customer's, `tier.<scheme>:<tier>` per placed scheme, each tag id.
-- No facet is ambiguous: every one but a tag id has a `key:` in front, and a uuid has no colon.
CREATE FUNCTION "stratum_facets"(attrs text[], tiers jsonb, tag_ids uuid[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT attrs
    || ARRAY(SELECT 'tier.' || t.key || ':' || t.value FROM jsonb_each_text(tiers) t
             WHERE t.value IS NOT NULL ORDER BY t.key)
    || tag_ids::text[]
$$;--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD COLUMN "attr_facets" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD COLUMN "facets" text[] GENERATED ALWAYS AS (stratum_facets(attr_facets, tiers, tag_ids)) STORED NOT NULL;--> statement-breakpoint
-- Every customer has a metrics row from the moment it exists (the trigger below makes it), with its
-- attribute facets; until now a customer had one once it was first placed.
INSERT INTO "customer_metrics" AS cm ("workspace_id", "customer_id", "attr_facets")
  SELECT c.workspace_id, c.id,
    stratum_customer_facets(c.kind, c.industry, c.province, c.city, c.size_band, c.source, c.status)
  FROM "customers" c
  ON CONFLICT ("workspace_id", "customer_id") DO UPDATE SET "attr_facets" = EXCLUDED.attr_facets;--> statement-breakpoint
CREATE INDEX "customer_metrics_facets_idx" ON "customer_metrics" USING gin ("facets");--> statement-breakpoint
-- Kept set-wise, once per statement: a new customer gets its metrics row with its facets; an edit that
-- changes a faceted field rewrites them (edits of other fields touch no metrics row).
CREATE FUNCTION "stratum_customers_facets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO customer_metrics AS cm (workspace_id, customer_id, attr_facets)
      SELECT n.workspace_id, n.id,
        stratum_customer_facets(n.kind, n.industry, n.province, n.city, n.size_band, n.source, n.status)
      FROM new_customers n
      ON CONFLICT (workspace_id, customer_id) DO UPDATE SET attr_facets = EXCLUDED.attr_facets
        WHERE cm.attr_facets IS DISTINCT FROM EXCLUDED.attr_facets;
  ELSE
    INSERT INTO customer_metrics AS cm (workspace_id, customer_id, attr_facets)
      SELECT n.workspace_id, n.id,
        stratum_customer_facets(n.kind, n.industry, n.province, n.city, n.size_band, n.source, n.status)
      FROM new_customers n
      JOIN old_customers o ON o.workspace_id = n.workspace_id AND o.id = n.id
      WHERE (o.kind, o.industry, o.province, o.city, o.size_band, o.source, o.status)
        IS DISTINCT FROM (n.kind, n.industry, n.province, n.city, n.size_band, n.source, n.status)
      ON CONFLICT (workspace_id, customer_id) DO UPDATE SET attr_facets = EXCLUDED.attr_facets
        WHERE cm.attr_facets IS DISTINCT FROM EXCLUDED.attr_facets;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "customers_facets_insert" AFTER INSERT ON "customers"
  REFERENCING NEW TABLE AS new_customers FOR EACH STATEMENT EXECUTE FUNCTION stratum_customers_facets();--> statement-breakpoint
CREATE TRIGGER "customers_facets_update" AFTER UPDATE ON "customers"
  REFERENCING OLD TABLE AS old_customers NEW TABLE AS new_customers
  FOR EACH STATEMENT EXECUTE FUNCTION stratum_customers_facets();
