/**
 * Kamelets exported from UDL ({@code unikernal export --kamelet}), the generated catalog of Unikernal Kamelets, and
 * Pipe / Integration manifests for Camel K.
 */
package io.unikernal.kamelets;
