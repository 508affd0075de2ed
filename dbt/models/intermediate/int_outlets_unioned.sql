-- Registry outlets plus outlets named by a strong pattern but missing from the registry.
with registry as (
    select * from {{ ref('stg_seeds__outlets') }}
),

mentions as (
    select * from {{ ref('stg_raw__outlet_mentions') }}
),

unknown_outlets as (
    select
        outlet_id,
        min(native_name) as native_name
    from mentions
    where not is_known
      and outlet_id not in (select outlet_id from registry)
    group by outlet_id
),

final as (
    select
        outlet_id,
        name,
        native_name,
        native_names,
        registry_languages,
        country,
        kind,
        domain,
        true as is_known
    from registry

    union all

    select
        outlet_id,
        native_name as name,
        native_name,
        [native_name] as native_names,
        []::varchar[] as registry_languages,
        null as country,
        'unknown' as kind,
        null as domain,
        false as is_known
    from unknown_outlets
)

select * from final
