-- A workspace's rules version: a fresh uuid whenever anything a rule compiles against changes (schemes,
-- tiers, tag groups, tags, segment definitions, custom fields). The placement engine keeps each
-- workspace's compiled rules in memory and reloads them only when the version it reads differs; a
-- rolled-back change leaves the old version behind, so a cache can never hold a version that was not
-- committed with its rules.
ALTER TABLE "workspaces" ADD COLUMN "rules_version" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
CREATE FUNCTION "stratum_rules_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE workspaces SET rules_version = gen_random_uuid() WHERE workspace_id = OLD.workspace_id;
  ELSE
    UPDATE workspaces SET rules_version = gen_random_uuid() WHERE workspace_id = NEW.workspace_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "classification_schemes_rules_version" AFTER INSERT OR UPDATE OR DELETE ON "classification_schemes"
  FOR EACH ROW EXECUTE FUNCTION stratum_rules_changed();--> statement-breakpoint
CREATE TRIGGER "classification_tiers_rules_version" AFTER INSERT OR UPDATE OR DELETE ON "classification_tiers"
  FOR EACH ROW EXECUTE FUNCTION stratum_rules_changed();--> statement-breakpoint
CREATE TRIGGER "tag_groups_rules_version" AFTER INSERT OR UPDATE OR DELETE ON "tag_groups"
  FOR EACH ROW EXECUTE FUNCTION stratum_rules_changed();--> statement-breakpoint
CREATE TRIGGER "tags_rules_version" AFTER INSERT OR UPDATE OR DELETE ON "tags"
  FOR EACH ROW EXECUTE FUNCTION stratum_rules_changed();--> statement-breakpoint
-- Not on member_count: membership changes with every placement, the definition does not.
CREATE TRIGGER "segments_rules_version" AFTER INSERT OR DELETE OR UPDATE OF "name", "kind", "rule" ON "segments"
  FOR EACH ROW EXECUTE FUNCTION stratum_rules_changed();--> statement-breakpoint
CREATE TRIGGER "custom_fields_rules_version" AFTER INSERT OR UPDATE OR DELETE ON "custom_fields"
  FOR EACH ROW EXECUTE FUNCTION stratum_rules_changed();--> statement-breakpoint
-- The four-condition count: a province as one of the conditions.
CREATE INDEX "customers_province_idx" ON "customers" USING btree ("workspace_id","province");
