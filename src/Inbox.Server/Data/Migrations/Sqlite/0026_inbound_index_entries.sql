-- Every customer message moves its conversation's last_activity_at, and every index holding that column is rewritten
-- for it. Most conversations are unassigned and have no priority, and those two lists never ask for them by index:
-- "unassigned" and priority "none" are most of the recent rows, read off ix_conversations_activity. So the assignee
-- and priority indexes keep only the rows they are searched for, and an inbound message to an unassigned conversation
-- without priority touches two of its four indexes. The list queries name the same predicates (ConversationStore.ListAsync).
DROP INDEX ix_conversations_assignee;
CREATE INDEX ix_conversations_assignee ON conversations (assignee_id, last_activity_at DESC) WHERE assignee_id IS NOT NULL;
DROP INDEX ix_conversations_priority;
CREATE INDEX ix_conversations_priority ON conversations (priority DESC, last_activity_at DESC, id DESC) WHERE priority > 0;
