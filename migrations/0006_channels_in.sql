CREATE TABLE `calls` (
	`id` integer PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`brand_id` integer NOT NULL,
	`pbx_id` text NOT NULL,
	`pbx_ip` text NOT NULL,
	`number_calling` text NOT NULL,
	`number_called` text NOT NULL,
	`state` text NOT NULL,
	`ticket_id` integer,
	`variables` text NOT NULL,
	`skip_assignment` integer DEFAULT false NOT NULL,
	`queue_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_call_id_unique` ON `calls` (`call_id`);--> statement-breakpoint
CREATE INDEX `calls_ticket_idx` ON `calls` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `chat_accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`name` text NOT NULL,
	`token` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_accounts_token_unique` ON `chat_accounts` (`token`);--> statement-breakpoint
CREATE TABLE `chat_sessions` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`ticket_id` integer NOT NULL,
	`chat_server` text NOT NULL,
	`url` text NOT NULL,
	`last_message_number` integer,
	`last_event` text,
	`last_event_at` text,
	`created_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_sessions_brand_session_idx` ON `chat_sessions` (`brand_id`,`session_id`);--> statement-breakpoint
CREATE INDEX `chat_sessions_ticket_idx` ON `chat_sessions` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `email_addresses` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`address` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_addresses_address_unique` ON `email_addresses` (`address`);--> statement-breakpoint
CREATE TABLE `inbound_emails` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`ticket_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `ticket_messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_emails_brand_message_idx` ON `inbound_emails` (`brand_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `telephone_numbers` (
	`id` integer PRIMARY KEY NOT NULL,
	`brand_id` integer NOT NULL,
	`number` text NOT NULL,
	FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `telephone_numbers_number_unique` ON `telephone_numbers` (`number`);--> statement-breakpoint
CREATE INDEX `tickets_external_idx` ON `tickets` (`external_id`);