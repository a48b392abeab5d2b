CREATE TABLE `triggers` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`event` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`conditions` text NOT NULL,
	`actions` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `triggers_name_unique` ON `triggers` (`name`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `sla_paused_at` text;