// Included by calculator.thrift: its definitions are named shared.Name there.
namespace java interop.shared

struct SharedStruct {
  1: i32 key,
  2: string value
}

service SharedService {
  SharedStruct getStruct(1: i32 key)
}
