-- events reported in more than one language, with who took part
select f.event_type, f.event_date, loc.canonical_name as place, f.article_count, f.languages,
       list(distinct p.canonical_name) as participants
from {{ ref('fct_events') }} f
left join {{ ref('dim_entities') }} loc on loc.entity_id = f.location_entity_id
join {{ ref('bridge_event_participants') }} bp using (event_id)
join {{ ref('dim_entities') }} p on p.entity_id = bp.entity_id
where f.language_count > 1
group by all order by f.article_count desc
