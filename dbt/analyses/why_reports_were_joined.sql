-- why two reports were put together
select event_id, article_id, joined_to_mention_id, shared_participants, shared_place, date_gap_days, score, reason
from {{ ref('fct_event_evidence') }} order by event_id
