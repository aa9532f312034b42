create table if not exists graphql_orders (
  id       varchar(100) primary key,
  customer varchar(200) not null,
  amount   numeric(12, 2) not null check (amount >= 0),
  placed   timestamp not null default now()
);
