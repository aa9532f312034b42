/** JSON (one array of objects) and JSON Lines (an object a line), read and written with Jackson's streaming API. */
package io.unikernal.etl.json;
