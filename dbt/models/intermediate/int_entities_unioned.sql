-- Gazetteer entities plus candidates discovered after title patterns.
with gazetteer as (
    select * from {{ ref('stg_seeds__entities') }}
),

mentions as (
    select * from {{ ref('stg_raw__entity_mentions') }}
),

candidates as (
    select
        entity_id,
        min(canonical_name) as canonical_name,
        min(entity_type) as entity_type
    from mentions
    where entity_id not in (select entity_id from gazetteer)
    group by entity_id
),

final as (
    select entity_id, canonical_name, entity_type, wikidata_id, false as is_candidate
    from gazetteer

    union all

    select entity_id, canonical_name, entity_type, null as wikidata_id, true as is_candidate
    from candidates
)

select * from final
