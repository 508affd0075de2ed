-- which outlets mention Shoigu, in which languages
select o.name as outlet, a.lang, count(distinct a.article_id) as articles
from {{ ref('fct_entity_mentions') }} m
join {{ ref('dim_entities') }} e using (entity_id)
join {{ ref('fct_articles') }} a using (article_id)
left join {{ ref('dim_outlets') }} o on o.outlet_id = a.publisher_outlet_id
where e.canonical_name = 'Sergei Shoigu'
group by all order by articles desc
