package io.unikernal.adapter.serial.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A serial port: a consumer reads frames from it and hands each to the route as text, a producer writes the body as one
 * frame. Both open the port on first use and again after it was lost (the device unplugged): the consumer retries
 * after a doubling wait, the producer fails the call so the route's retry policy carries it.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "serial", title = "Serial port", syntax = "serial:port",
        category = {Category.IOT}, headersClass = SerialConstants.class)
public class SerialEndpoint extends DefaultEndpoint {

    @UriPath(description = "The port's path, e.g. /dev/ttyUSB0 or a symbolic link to it.")
    @Metadata(required = true)
    private String port;
    @UriParam(defaultValue = "9600", description = "Bits per second.")
    private int baudRate = 9600;
    @UriParam(defaultValue = "8", enums = "5,6,7,8", description = "Data bits per character.")
    private int dataBits = 8;
    @UriParam(defaultValue = "1", enums = "1,1.5,2", description = "Stop bits per character.")
    private String stopBits = "1";
    @UriParam(defaultValue = "none", enums = "none,odd,even,mark,space", description = "The parity bit.")
    private String parity = "none";
    @UriParam(defaultValue = "none", enums = "none,rts-cts,xon-xoff", description = "Flow control: none, hardware"
            + " (RTS/CTS) or software (XON/XOFF).")
    private String flowControl = "none";
    @UriParam(defaultValue = "line", enums = "line,length-prefixed,fixed", description = "How frames are cut: lines"
            + " ended by a newline (a carriage return before it is dropped), frames that start with their length"
            + " (lengthFieldBytes, big-endian, not counting itself), or blocks of frameLength bytes.")
    private String framing = "line";
    @UriParam(defaultValue = "4", enums = "1,2,3,4", description = "The size of the length field of length-prefixed"
            + " frames, in bytes.")
    private int lengthFieldBytes = 4;
    @UriParam(description = "The length of each frame in bytes, for fixed framing; a shorter message is padded with"
            + " spaces when written.")
    private int frameLength;
    @UriParam(defaultValue = "65536", description = "The longest frame in bytes: a longer line read is dropped with a"
            + " log line (the next one is read as usual), a longer message written fails.")
    private int maxFrameSize = 65536;
    @UriParam(defaultValue = "UTF-8", description = "The character set of the frames' text.")
    private String charset = "UTF-8";
    @UriParam(label = "consumer", defaultValue = "100", javaType = "java.time.Duration",
            description = "The first wait before opening the port again after it was lost, doubling up to"
                    + " reconnectDelayMax, in milliseconds.")
    private long reconnectDelay = 100;
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
            description = "The longest wait between attempts to open the port again, in milliseconds.")
    private long reconnectDelayMax = 5000;

    private SerialLine line;

    public SerialEndpoint() {
    }

    public SerialEndpoint(String uri, SerialComponent component) {
        super(uri, component);
    }

    @Override
    public SerialComponent getComponent() {
        return (SerialComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new SerialProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SerialConsumer consumer = new SerialConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The settings the endpoint opens its port with. */
    public SerialSettings settings() {
        return new SerialSettings(port, baudRate, dataBits, stopBits, parity, flowControl, framing, frameLength,
                lengthFieldBytes, maxFrameSize, charset);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        line = getComponent().acquire(settings());
    }

    @Override
    protected void doStop() throws Exception {
        if (line != null) {
            getComponent().release(line);
            line = null;
        }
        super.doStop();
    }

    /** The shared line of the port, while the endpoint is started. */
    SerialLine line() {
        if (line == null) {
            throw new IllegalStateException("the serial endpoint of " + port + " is not started");
        }
        return line;
    }

    public String getPort() {
        return port;
    }

    /** The port's path. */
    public void setPort(String port) {
        this.port = port;
    }

    public int getBaudRate() {
        return baudRate;
    }

    /** Bits per second. */
    public void setBaudRate(int baudRate) {
        this.baudRate = baudRate;
    }

    public int getDataBits() {
        return dataBits;
    }

    /** Data bits per character. */
    public void setDataBits(int dataBits) {
        this.dataBits = dataBits;
    }

    public String getStopBits() {
        return stopBits;
    }

    /** Stop bits per character: 1, 1.5 or 2. */
    public void setStopBits(String stopBits) {
        this.stopBits = stopBits;
    }

    public String getParity() {
        return parity;
    }

    /** The parity bit: none, odd, even, mark or space. */
    public void setParity(String parity) {
        this.parity = parity;
    }

    public String getFlowControl() {
        return flowControl;
    }

    /** Flow control: none, rts-cts or xon-xoff. */
    public void setFlowControl(String flowControl) {
        this.flowControl = flowControl;
    }

    public String getFraming() {
        return framing;
    }

    /** How frames are cut: line, length-prefixed or fixed. */
    public void setFraming(String framing) {
        this.framing = framing;
    }

    public int getLengthFieldBytes() {
        return lengthFieldBytes;
    }

    /** The size of the length field of length-prefixed frames, in bytes. */
    public void setLengthFieldBytes(int lengthFieldBytes) {
        this.lengthFieldBytes = lengthFieldBytes;
    }

    public int getFrameLength() {
        return frameLength;
    }

    /** The length of each frame in bytes, for fixed framing. */
    public void setFrameLength(int frameLength) {
        this.frameLength = frameLength;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    /** The longest frame in bytes. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public String getCharset() {
        return charset;
    }

    /** The character set of the frames' text. */
    public void setCharset(String charset) {
        this.charset = charset;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    /** The first wait before opening the port again, in milliseconds. */
    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = Math.max(1, reconnectDelay);
    }

    public long getReconnectDelayMax() {
        return reconnectDelayMax;
    }

    /** The longest wait between attempts to open the port again, in milliseconds. */
    public void setReconnectDelayMax(long reconnectDelayMax) {
        this.reconnectDelayMax = Math.max(1, reconnectDelayMax);
    }
}
