// The adapter contract suite's service: take's arguments are the suite's message (id, n, note), its result the same.
namespace java contract

struct Order {
  1: string id,
  2: i32 n,
  3: string note
}

service Orders {
  Order take(1: string id, 2: i32 n, 3: string note)
}
