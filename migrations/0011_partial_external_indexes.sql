DROP INDEX `customers_external_primary_idx`;--> statement-breakpoint
CREATE INDEX `customers_external_primary_idx` ON `customers` (`external_primary_id`) WHERE "customers"."external_primary_id" IS NOT NULL;--> statement-breakpoint
DROP INDEX `tickets_external_idx`;--> statement-breakpoint
CREATE INDEX `tickets_external_idx` ON `tickets` (`external_id`) WHERE "tickets"."external_id" IS NOT NULL;