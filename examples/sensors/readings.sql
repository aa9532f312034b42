create table if not exists readings (
  id      bigserial primary key,
  sensor  varchar(100) not null,
  celsius double precision not null,
  at      timestamptz not null default now()
);
