-- Lookups count confirmed desk requests (delivery_events_desk), no longer the desk reminders sent.
DROP INDEX "nudges_desk_sent";