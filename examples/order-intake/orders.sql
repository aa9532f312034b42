create table if not exists orders_in (
  id       varchar(100) primary key,
  customer varchar(200) not null,
  amount   numeric(12, 2) not null
);
