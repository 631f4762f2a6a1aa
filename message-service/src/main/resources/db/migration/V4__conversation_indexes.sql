-- A caller's conversation list starts from their read pointers and their private rooms:
-- both looked up by user, which the primary keys (room first; user_a first) do not serve.
CREATE INDEX read_pointer_user_idx ON read_pointer (user_id);
CREATE INDEX private_chat_room_user_b_idx ON private_chat_room (user_b);
