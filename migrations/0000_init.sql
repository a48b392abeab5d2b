CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key` text NOT NULL,
	`permissions` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_unique` ON `api_keys` (`key`);--> statement-breakpoint
CREATE TABLE `brands` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sla_policy_id` integer,
	FOREIGN KEY (`sla_policy_id`) REFERENCES `sla_policies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `channels` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`icon` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_channels` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`unique_reference` text NOT NULL,
	`linked_by_user_id` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_channels_customer_idx` ON `customer_channels` (`customer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customer_channels_reference_idx` ON `customer_channels` (`brand_id`,`unique_reference`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`external_primary_id` text,
	`firstname` text NOT NULL,
	`lastname` text NOT NULL,
	`created_at` text NOT NULL,
	`merged_into_id` integer,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customers_external_primary_idx` ON `customers` (`external_primary_id`);--> statement-breakpoint
CREATE TABLE `forms` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `groups_brand_idx` ON `groups` (`brand_id`);--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`first_reply_minutes` integer,
	`next_reply_minutes` integer,
	`user_work_minutes` integer,
	`customer_wait_minutes` integer,
	`business_hours` text
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`ticket_id` integer NOT NULL,
	`item_type` text NOT NULL,
	`item_type_id` text NOT NULL,
	`description` text NOT NULL,
	`initiated_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`ticket_id`,`id`);--> statement-breakpoint
CREATE TABLE `ticket_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`ticket_id` integer NOT NULL,
	`type` text NOT NULL,
	`to` text,
	`from` text,
	`image` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`pinned` integer DEFAULT 0 NOT NULL,
	`status_new` text NOT NULL,
	`user_id` integer DEFAULT 0 NOT NULL,
	`user_name` text NOT NULL,
	`user_avatar` text DEFAULT '' NOT NULL,
	`channel_id` integer DEFAULT 0 NOT NULL,
	`direction` text DEFAULT '' NOT NULL,
	`content` text NOT NULL,
	`external_id` text,
	`from_name` text DEFAULT '' NOT NULL,
	`to_name` text DEFAULT '' NOT NULL,
	`meta_data` text DEFAULT '[]' NOT NULL,
	`in_queue` integer DEFAULT 0 NOT NULL,
	`send_at` text,
	`content_whole` text,
	`email_details` text,
	`email_show_reply_all` integer DEFAULT false NOT NULL,
	`files` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ticket_messages_ticket_idx` ON `ticket_messages` (`ticket_id`,`id`);--> statement-breakpoint
CREATE TABLE `ticket_tags` (
	`ticket_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`ticket_id`, `tag_id`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY NOT NULL,
	`assigned_group_id` integer DEFAULT 0 NOT NULL,
	`assigned_user_id` integer DEFAULT 0 NOT NULL,
	`channel_account_id` text DEFAULT '0' NOT NULL,
	`channel_id` integer NOT NULL,
	`closed_at` text,
	`created_at` text NOT NULL,
	`customer_id` integer DEFAULT 0 NOT NULL,
	`direction` text NOT NULL,
	`external_gui_url` text,
	`external_id` text,
	`form_id` integer,
	`from` text NOT NULL,
	`from_name` text DEFAULT '' NOT NULL,
	`grade_by_customer` integer,
	`icon` text NOT NULL,
	`last_update` text NOT NULL,
	`last_update_agent` text,
	`last_update_customer` text,
	`priority` text DEFAULT 'medium' NOT NULL,
	`show_timeline` integer DEFAULT 1 NOT NULL,
	`sla_breach_customer_wait_time` text,
	`sla_breach_first_reply_time` text,
	`sla_breach_next_reply_time` text,
	`sla_breach_user_work_time` text,
	`sla_next_breach` text,
	`sla_next_breach_current_status` text,
	`sla_policy_id` integer,
	`snooze_time` text,
	`snooze_time_sent` text,
	`title` text NOT NULL,
	`to` text NOT NULL,
	`to_name` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`brand_id` integer NOT NULL,
	`original_channel_id` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sla_policy_id`) REFERENCES `sla_policies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_status_idx` ON `tickets` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_customer_idx` ON `tickets` (`customer_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `users_brand_idx` ON `users` (`brand_id`);