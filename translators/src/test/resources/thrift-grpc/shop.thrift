// The Thrift side of the Thrift <-> gRPC tests: every type that maps (shop.proto is the other side).
namespace java shop

enum Tier { UNSPECIFIED = 0, BRONZE = 1, SILVER = 2, GOLD = 3 }

struct Money {
  1: i64 units,
  2: i32 nanos,
  3: string currency,
}

struct Line {
  1: string sku,
  2: i16 quantity,
  3: Money price,
}

struct Order {
  1: string id,
  2: byte priority,
  3: i16 count,
  4: i32 total,
  5: i64 sequence,
  6: double weight,
  7: bool gift,
  8: binary signature,
  9: list<Line> lines,
  10: map<string, i64> labels,
  11: Tier tier,
  12: list<Tier> tiers,
  13: map<i32, Money> totals,
  14: optional string note_text,
  // protobuf's oneof contact: one of them at most
  15: optional string email,
  16: optional string phone,
}

exception NotFound {
  1: string message,
}

/** A generic error: the gRPC status code travels in its code field. */
exception Failure {
  1: i32 code,
  2: string message,
}

service Shop {
  Order place(1: Order order) throws (1: NotFound notFound, 2: Failure failure),
  i32 count(1: string sku, 2: i64 limit),
  void ping(),
}
