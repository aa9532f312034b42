package io.unikernal.adapter.kafka;

import java.util.Locale;
import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * A kafka system's connection settings, the bean {@code system.<name>}: its brokers and its security (TLS, SASL), set
 * from the UDL options with every {@code {{secret:...}}} already resolved by Camel as it builds the bean — so a
 * password never stands in an endpoint URI, a log line or a compiled file. Camel's kafka endpoints of the system use it
 * as their {@code kafkaClientFactory}: each consumer and producer it creates gets the security settings on top of
 * what the endpoint configured; the probe builds its admin client from {@link #clientProperties()}.
 */
public class KafkaSystem extends DefaultKafkaClientFactory {

    private String brokers;
    private String securityProtocol = "PLAINTEXT";
    private String saslMechanism = "PLAIN";
    private String user;
    private String password;
    private String truststore;
    private String truststorePassword;
    private String truststoreType;
    private String keystore;
    private String keystorePassword;
    private String keystoreType;
    private String keyPassword;

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public String getBrokers() {
        return brokers;
    }

    public void setSecurityProtocol(String securityProtocol) {
        this.securityProtocol = securityProtocol.toUpperCase(Locale.ROOT);
    }

    public String getSecurityProtocol() {
        return securityProtocol;
    }

    public void setSaslMechanism(String saslMechanism) {
        this.saslMechanism = saslMechanism.toUpperCase(Locale.ROOT);
    }

    public void setUser(String user) {
        this.user = blankToNull(user);
    }

    public void setPassword(String password) {
        this.password = blankToNull(password);
    }

    public void setTruststore(String truststore) {
        this.truststore = blankToNull(truststore);
    }

    public void setTruststorePassword(String truststorePassword) {
        this.truststorePassword = blankToNull(truststorePassword);
    }

    public void setTruststoreType(String truststoreType) {
        this.truststoreType = blankToNull(truststoreType);
    }

    public void setKeystore(String keystore) {
        this.keystore = blankToNull(keystore);
    }

    public void setKeystorePassword(String keystorePassword) {
        this.keystorePassword = blankToNull(keystorePassword);
    }

    public void setKeystoreType(String keystoreType) {
        this.keystoreType = blankToNull(keystoreType);
    }

    public void setKeyPassword(String keyPassword) {
        this.keyPassword = blankToNull(keyPassword);
    }

    /** The user SASL authenticates as, or null. */
    public String getUser() {
        return user;
    }

    /** The settings every client of the system gets: bootstrap servers and security. */
    public Properties clientProperties() {
        Properties props = security();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return props;
    }

    /** Only the security settings (the endpoint sets the brokers of its own clients). */
    Properties security() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        if (securityProtocol.startsWith("SASL_")) {
            props.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            if (user != null && password != null) {
                props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(saslMechanism, user, password));
            }
        }
        if (securityProtocol.endsWith("SSL")) {
            putIfSet(props, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore);
            putIfSet(props, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
            putIfSet(props, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststoreType);
            putIfSet(props, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore);
            putIfSet(props, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystorePassword);
            putIfSet(props, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystoreType);
            putIfSet(props, SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
        }
        return props;
    }

    /** The JAAS line of a SASL login: PLAIN or SCRAM, the values quoted (a '"' or '\' in them escaped). */
    static String jaas(String mechanism, String user, String password) {
        String module = mechanism.startsWith("SCRAM-") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=\"" + quoted(user) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Producer getProducer(Properties kafkaProps) {
        kafkaProps.putAll(security());
        return super.getProducer(kafkaProps);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Consumer getConsumer(Properties kafkaProps) {
        kafkaProps.putAll(security());
        return super.getConsumer(kafkaProps);
    }

    private static void putIfSet(Properties props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public String toString() {
        // never a password
        return "kafka " + brokers + " (" + securityProtocol + (user == null ? "" : ", user " + user) + ")";
    }
}
