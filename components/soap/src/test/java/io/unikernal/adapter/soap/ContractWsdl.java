package io.unikernal.adapter.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The service the tests serve and call: {@code Orders} (document/literal, SOAP 1.1) with {@code Take} (an order in,
 * the order back), the one-way {@code Notify} ({@code Notice}: a text), and {@code GetQuote} ({@code symbol}, {@code quantity} in; {@code symbol}, {@code price},
 * repeated {@code tag}s out). The peers build and read their XML by hand, never with the adapter's mapping.
 */
final class ContractWsdl {

    static final String NS = "urn:unikernal:test:orders";

    static final String TEXT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions name="Orders" targetNamespace="urn:unikernal:test:orders"
                xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
                xmlns:tns="urn:unikernal:test:orders" xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <types>
                <xs:schema targetNamespace="urn:unikernal:test:orders" elementFormDefault="qualified">
                  <xs:complexType name="Order">
                    <xs:sequence>
                      <xs:element name="id" type="xs:string"/>
                      <xs:element name="n" type="xs:int"/>
                      <xs:element name="note" type="xs:string"/>
                    </xs:sequence>
                  </xs:complexType>
                  <xs:element name="Take" type="tns:Order"/>
                  <xs:element name="TakeResponse" type="tns:Order"/>
                  <xs:element name="Notice">
                    <xs:complexType><xs:sequence>
                      <xs:element name="text" type="xs:string"/>
                    </xs:sequence></xs:complexType>
                  </xs:element>
                  <xs:element name="GetQuote">
                    <xs:complexType><xs:sequence>
                      <xs:element name="symbol" type="xs:string"/>
                      <xs:element name="quantity" type="xs:int"/>
                    </xs:sequence></xs:complexType>
                  </xs:element>
                  <xs:element name="GetQuoteResponse">
                    <xs:complexType><xs:sequence>
                      <xs:element name="symbol" type="xs:string"/>
                      <xs:element name="price" type="xs:decimal"/>
                      <xs:element name="tag" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
                    </xs:sequence></xs:complexType>
                  </xs:element>
                </xs:schema>
              </types>
              <message name="TakeRequest"><part name="body" element="tns:Take"/></message>
              <message name="TakeReply"><part name="body" element="tns:TakeResponse"/></message>
              <message name="NoticeRequest"><part name="body" element="tns:Notice"/></message>
              <message name="GetQuoteRequest"><part name="body" element="tns:GetQuote"/></message>
              <message name="GetQuoteReply"><part name="body" element="tns:GetQuoteResponse"/></message>
              <portType name="OrdersPort">
                <operation name="Take"><input message="tns:TakeRequest"/><output message="tns:TakeReply"/></operation>
                <operation name="Notify"><input message="tns:NoticeRequest"/></operation>
                <operation name="GetQuote">
                  <input message="tns:GetQuoteRequest"/><output message="tns:GetQuoteReply"/>
                </operation>
              </portType>
              <binding name="OrdersBinding" type="tns:OrdersPort">
                <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                <operation name="Take">
                  <soap:operation soapAction="urn:Take"/>
                  <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
                </operation>
                <operation name="Notify">
                  <soap:operation soapAction="urn:Notify"/>
                  <input><soap:body use="literal"/></input>
                </operation>
                <operation name="GetQuote">
                  <soap:operation soapAction="urn:GetQuote"/>
                  <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
                </operation>
              </binding>
              <service name="OrdersService">
                <port name="OrdersPort" binding="tns:OrdersBinding">
                  <soap:address location="http://127.0.0.1:1/orders"/>
                </port>
              </service>
            </definitions>
            """;

    private ContractWsdl() {
    }

    /** Writes the file into {@code dir} and returns its absolute path. */
    static Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("orders.wsdl"), TEXT).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
