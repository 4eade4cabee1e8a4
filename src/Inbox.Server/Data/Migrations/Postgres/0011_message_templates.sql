-- A reply sent as an approved template (WhatsApp outside its 24-hour window): {"providerId": "HX…", "variables": {"1": "…"}}.
-- Its text column holds the rendered preview the agent saw.
ALTER TABLE messages ADD COLUMN template TEXT NULL;
