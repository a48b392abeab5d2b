CREATE TABLE `custom_channels` (
	`channel_id` integer PRIMARY KEY NOT NULL,
	`custom_channel_endpoint` text DEFAULT '' NOT NULL,
	`custom_channel_secret` text DEFAULT '' NOT NULL,
	`include_signature` integer DEFAULT false NOT NULL,
	`custom_channel_warning_en` text DEFAULT '' NOT NULL,
	`custom_channel_warning_nl` text DEFAULT '' NOT NULL,
	`custom_channel_available_in_quick_ticket` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `form_fields` (
	`id` integer PRIMARY KEY NOT NULL,
	`form_id` integer NOT NULL,
	`title` text NOT NULL,
	`input_type` text NOT NULL,
	`field_order` integer DEFAULT 0 NOT NULL,
	`required_statuses` text DEFAULT '[]' NOT NULL,
	`external_code` text,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `form_fields_form_idx` ON `form_fields` (`form_id`);--> statement-breakpoint
CREATE TABLE `ticket_form_values` (
	`ticket_id` integer NOT NULL,
	`field_id` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`ticket_id`, `field_id`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_id`) REFERENCES `form_fields`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `user_groups` (
	`user_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `group_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `views` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`primary_sorting` text DEFAULT 'none' NOT NULL,
	`primary_sorting_order` text DEFAULT 'asc' NOT NULL,
	`secondary_sorting` text DEFAULT 'none' NOT NULL,
	`secondary_sorting_order` text DEFAULT 'asc' NOT NULL,
	`view_category_id` integer,
	`view_order_id` integer DEFAULT 0 NOT NULL,
	`conditions` text NOT NULL,
	`columns` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
ALTER TABLE `channels` ADD `custom` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `telephone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `avatar` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `settings` text DEFAULT '{}' NOT NULL;