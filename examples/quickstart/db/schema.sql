-- Run once at start-up by the jdbc systems of the quickstart (the `init:` option).
create table if not exists orders (
  id       varchar(36) primary key,
  customer varchar(200) not null,
  amount   decimal(12, 2) not null,
  total    decimal(12, 2) not null,
  status   varchar(20) not null
);
create table if not exists dead_letters (
  id        bigint auto_increment primary key,
  route     varchar(100) not null,
  reason    varchar(1000),
  details   varchar(4000),
  payload   clob,
  attempts  int,
  failed_at timestamp default current_timestamp
);
